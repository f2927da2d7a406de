"""The template's layout and the openpyxl side: build the template, read, write.

``layout``, ``formulas``, ``snapshot``, ``reader`` and ``plan`` are host-neutral (the
xlwings adapter uses them too); ``io``, ``build`` and ``styles`` are openpyxl.
"""
