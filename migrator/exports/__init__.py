"""Exports of a migration for approval and audit: JSON, CSV, XLSX, HTML and PDF (via Qt).

Every export is built from one `ExportData` (collect.py) with every URL redacted, so no format can
leak a credential that another hides.
"""
