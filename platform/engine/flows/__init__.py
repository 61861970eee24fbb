"""Flows: BPMN diagrams parsed, checked and run with SpiffWorkflow, scripts in a sandbox.

Pure code: no database, no web. The runtime stores what ``serialize`` returns and hands it back.
"""
