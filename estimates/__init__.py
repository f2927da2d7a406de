"""The pure core of the Estimates add-in.

Model, money and rounding, totals, variances, establishment ceilings, declarative
rules and findings. Nothing here knows a spreadsheet host: no xlwings, no openpyxl.
"""

__version__ = "0.1.0"
