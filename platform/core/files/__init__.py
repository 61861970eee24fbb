"""Files Loom keeps for a while: uploads waiting to be imported, exports waiting to be downloaded.

Rows (``models.StoredFile``) say whose a file is and when it expires; the bytes live in the
storage that ``storage.current()`` gives (a folder, or S3). ``tasks`` removes expired files.
"""
