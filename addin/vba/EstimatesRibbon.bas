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
    result = RunPython(PythonCall(entry))
    Application.StatusBar = False
    If Not IsEmpty(result) Then
        If result = -1 Then CannotRun entry, "Python or the estimates-addin package did not start"
    End If
    Exit Sub
failed:
    Application.StatusBar = False
    CannotRun entry, Err.Description
End Sub

Private Function PythonCall(ByVal entry As String) As String
    ' One line of Python: the entry point when the package is installed, else a
    ' plain message through xlwings (never an ImportError's traceback).
    PythonCall = "import importlib.util as estimates_util, xlwings as estimates_xw; " & _
        "exec('import addin.macros as estimates_macros; estimates_macros." & entry & "()')" & _
        " if estimates_util.find_spec('addin') else estimates_xw.Book.caller().app.alert(" & _
        "'The estimates-addin package is not installed for the Python this workbook uses." & _
        " Ask IT to install it (see the README).', title='Estimates')"
End Function

Private Sub CannotRun(ByVal entry As String, ByVal reason As String)
    MsgBox "The Estimates add-in could not run '" & entry & "': " & reason & "." & _
        vbCrLf & vbCrLf & "Ask IT to check that Python and the estimates-addin package" & _
        " are installed (see the README).", vbExclamation, "Estimates"
End Sub
