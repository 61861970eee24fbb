"""Files Loom keeps for a while: uploads waiting to be imported, exports waiting to be downloaded."""
