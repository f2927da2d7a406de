"""Worksheet functions (xlwings UDFs) clerks use in their own formulas.

Each is a thin wrapper that converts its arguments and makes one core call.
``catalog.UDFS`` holds their names, arguments and descriptions; the VBA wrapper
module and the function wizard's descriptions are generated from it.
"""
