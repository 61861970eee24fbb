"""What blueprints and flows share as versioned definitions: a key and a name unique among the
live ones of a workspace, a draft, published versions numbered from 1, and the Trash."""
