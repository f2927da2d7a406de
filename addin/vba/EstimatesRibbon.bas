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

' --- Data group: Import, New year, Export. Paths go to Python as lists of
' UTF-16 code units (PyText): any folder name, no quoting to get wrong.

Public Sub OnImport(control As IRibbonControl)
    Dim answer As VbMsgBoxResult, picked As Variant, i As Long, args As String
    answer = MsgBox("Import from a source data folder?" & vbCrLf & vbCrLf & _
        "Yes: choose the folder (head.toml, programmes.csv, ...)." & vbCrLf & _
        "No: choose this Head's published Estimates CSV files." & vbCrLf & vbCrLf & _
        "The input tables are replaced; Revert puts them back.", _
        vbYesNoCancel + vbQuestion, "Estimates: Import")
    If answer = vbCancel Then Exit Sub
    If answer = vbYes Then
        With Application.FileDialog(4) ' msoFileDialogFolderPicker
            .Title = "Import: the source data folder"
            .AllowMultiSelect = False
            If .Show <> -1 Then Exit Sub
            args = "paths=[" & PyText(.SelectedItems(1)) & "]"
        End With
    Else
        picked = Application.GetOpenFilename("CSV files (*.csv), *.csv", 1, _
            "Import: the published Estimates CSV files", , True)
        If Not IsArray(picked) Then Exit Sub
        For i = LBound(picked) To UBound(picked)
            If Len(args) > 0 Then args = args & ","
            args = args & PyText(CStr(picked(i)))
        Next i
        args = "paths=[" & args & "]"
    End If
    RunEstimates "import_data", args
End Sub

Public Sub OnNewYear(control As IRibbonControl)
    ' Last year's book is never changed. Python first checks, on this book, the
    ' new name, the book and the files of actual expenditure (new_year_check);
    ' only when it leaves its verdict file is the copy saved and opened and the
    ' roll-forward run in the copy's own project. A refusal writes nothing.
    Dim target As Variant, picked As Variant, i As Long, args As String
    Dim verdict As String, files As Object, opened As Workbook
    target = Application.GetSaveAsFilename(ThisWorkbook.Path & Application.PathSeparator & _
        "Estimates next year.xlsm", "Excel Macro-Enabled Workbook (*.xlsm), *.xlsm", 1, _
        "New year: save next year's book as")
    If VarType(target) = vbBoolean Then Exit Sub
    If MsgBox("Fill the Actual column from CSV files of actual expenditure?", _
            vbYesNo + vbQuestion, "Estimates: New year") = vbYes Then
        picked = Application.GetOpenFilename("CSV files (*.csv), *.csv", 1, _
            "New year: CSV files of actual expenditure", , True)
        If IsArray(picked) Then
            For i = LBound(picked) To UBound(picked)
                If Len(args) > 0 Then args = args & ","
                args = args & PyText(CStr(picked(i)))
            Next i
            args = ", actual_paths=[" & args & "]"
        End If
    End If
    Set files = CreateObject("Scripting.FileSystemObject")
    verdict = files.BuildPath(files.GetSpecialFolder(2), "estimates-new-year-" & _
        Format(Now, "yyyymmddhhnnss") & ".ok") ' 2: the user's temporary folder
    If files.FileExists(verdict) Then files.DeleteFile verdict
    RunEstimates "new_year_check", "target=" & PyText(CStr(target)) & _
        ", verdict=" & PyText(verdict) & args
    If Not files.FileExists(verdict) Then Exit Sub ' refused: Python said why
    files.DeleteFile verdict
    On Error GoTo failed
    ThisWorkbook.SaveCopyAs CStr(target)
    Set opened = Workbooks.Open(CStr(target))
    Application.Run "'" & opened.Name & "'!EstimatesRibbon.NewYearHere", Mid$(args, 3)
    Exit Sub
failed:
    CannotRun "new_year", Err.Description
End Sub

Public Sub NewYearHere(ByVal args As String)
    ' Run by New year in the copy it opened, so that the copy is the caller.
    RunEstimates "new_year", args
End Sub

Public Sub OnExport(control As IRibbonControl)
    Dim target As Variant, folder As String
    target = Application.GetSaveAsFilename(ThisWorkbook.Path & Application.PathSeparator & _
        "Estimates source data", "Source data folder (*.*), *.*", 1, _
        "Export: name the source data folder to write")
    If VarType(target) = vbBoolean Then Exit Sub
    folder = CStr(target)
    If Right$(folder, 2) = ".*" Then folder = Left$(folder, Len(folder) - 2)
    If Right$(folder, 1) = "." Then folder = Left$(folder, Len(folder) - 1)
    RunEstimates "export_data", "folder=" & PyText(folder)
End Sub

Private Function PyText(ByVal text As String) As String
    ' A string as a Python list of its UTF-16 code units, e.g. [67,58,92].
    Dim i As Long, out As String
    For i = 1 To Len(text)
        If i > 1 Then out = out & ","
        out = out & CStr(AscW(Mid$(text, i, 1)) And &HFFFF&)
    Next i
    PyText = "[" & out & "]"
End Function

Private Sub RunEstimates(ByVal entry As String, Optional ByVal args As String = "")
    ' RunPython returns -1 when Python, the package or the call failed: xlwings
    ' may have shown its own error, and the clerk is then told what to do.
    Dim result As Variant
    On Error GoTo failed
    Application.StatusBar = "Estimates: " & entry & " ..."
    result = RunPython(PythonCall(entry, args))
    Application.StatusBar = False
    If Not IsEmpty(result) Then
        If result = -1 Then CannotRun entry, "Python or the estimates-addin package did not start"
    End If
    Exit Sub
failed:
    Application.StatusBar = False
    CannotRun entry, Err.Description
End Sub

Private Function PythonCall(ByVal entry As String, Optional ByVal args As String = "") As String
    ' One line of Python: the entry point when the package imports, else a plain
    ' message through xlwings naming the module that is missing (the package, or
    ' a dependency such as openpyxl); never an ImportError's traceback.
    PythonCall = "import xlwings as estimates_xw; estimates_macros = None; " & _
        "exec('try:\n import addin.macros as estimates_macros\n" & _
        "except ImportError as estimates_error:\n" & _
        " estimates_missing = estimates_error.name or str(estimates_error)'); " & _
        "estimates_macros." & entry & "(" & args & ") if estimates_macros else " & _
        "estimates_xw.Book.caller().app.alert((" & _
        "'The estimates-addin package is not installed' " & _
        "if estimates_missing.startswith('addin') else " & _
        "'The estimates-addin package needs the module ' + estimates_missing + " & _
        "', which is not installed') + ' for the Python this workbook uses." & _
        " Ask IT to install it (see the README).', title='Estimates')"
End Function

Private Sub CannotRun(ByVal entry As String, ByVal reason As String)
    MsgBox "The Estimates add-in could not run '" & entry & "': " & reason & "." & _
        vbCrLf & vbCrLf & "Ask IT to check that Python and the estimates-addin package" & _
        " are installed (see the README).", vbExclamation, "Estimates"
End Sub
