"""Run time and the composition root: the Flask app, auth, tenants, entities, flows, inbox."""
