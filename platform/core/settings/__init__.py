"""The settings of Loom, one module a group, each a frozen dataclass of ``LOOM_*`` values.

``core.config.Settings`` is all of them in one; ``env.read_declared`` reads every plain field
(a number, a switch or a text with a default) from ``LOOM_<FIELD NAME>``, and each group's
``read_*`` function reads the fields whose default depends on the stage or that are cleaned up.
"""
