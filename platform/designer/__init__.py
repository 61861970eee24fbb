"""Design time: blueprints, forms and flows, their versions, publishing and version change plans."""
