Attribute VB_Name = "EstimatesRibbon"
' Ribbon callbacks of the Estimates tab. Each calls a fixed entry point of the
' installed Python package (addin.macros), never a module named after this file:
' a clerk's "Save As" must not break the buttons.
Option Explicit

Private EstimatesRibbonUI As IRibbonUI

Public Sub OnRibbonLoad(ribbon As IRibbonUI)
    Set EstimatesRibbonUI = ribbon
End Sub

Public Sub OnRefresh(control As IRibbonControl)
    RunEstimates "refresh"
End Sub

Public Sub OnCheck(control As IRibbonControl)
    RunEstimates "check"
End Sub

Public Sub OnClearFlags(control As IRibbonControl)
    RunEstimates "clear_flags"
End Sub

Public Sub OnRevert(control As IRibbonControl)
    RunEstimates "revert"
End Sub

Public Sub OnNextFlag(control As IRibbonControl)
    RunEstimates "next_flag"
End Sub

Public Sub OnAbout(control As IRibbonControl)
    RunEstimates "about"
End Sub

Private Sub RunEstimates(ByVal entry As String)
    ' RunPython returns -1 when Python, the package or the call failed: xlwings
    ' may have shown its own error, and the clerk is then told what to do.
    Dim result As Variant
    On Error GoTo failed
    Application.StatusBar = "Estimates: " & entry & " ..."
    result = RunPython("import addin.macros as estimates_macros; estimates_macros." & entry & "()")
    Application.StatusBar = False
    If Not IsEmpty(result) Then
        If result = -1 Then CannotRun entry, "Python or the estimates-addin package did not start"
    End If
    Exit Sub
failed:
    Application.StatusBar = False
    CannotRun entry, Err.Description
End Sub

Private Sub CannotRun(ByVal entry As String, ByVal reason As String)
    MsgBox "The Estimates add-in could not run '" & entry & "': " & reason & "." & _
        vbCrLf & vbCrLf & "Ask IT to check that Python and the estimates-addin package" & _
        " are installed (see the README).", vbExclamation, "Estimates"
End Sub
