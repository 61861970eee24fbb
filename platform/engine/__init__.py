"""The pure engine library: blueprint column types, the script sandbox and BPMN execution.

It imports no Flask, SQLAlchemy or Celery, so it can be tested and benchmarked alone.
"""
