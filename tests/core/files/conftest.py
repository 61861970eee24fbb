from tests.core.files.fixtures import backend, files, s3_endpoint  # noqa: F401 - fixtures
