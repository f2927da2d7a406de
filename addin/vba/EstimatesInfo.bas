Attribute VB_Name = "EstimatesInfo"
' Plain VBA with no Excel-only types, so any VBA host can run it.
Option Explicit

Public Const ESTIMATES_TEMPLATE_VERSION As String = "{{TEMPLATE_VERSION}}"

Public Function EstimatesTemplateVersion() As String
    EstimatesTemplateVersion = ESTIMATES_TEMPLATE_VERSION
End Function

Public Function EstimatesPing() As String
    EstimatesPing = "pong"
End Function
