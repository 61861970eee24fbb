from typing import Any

from werkzeug.routing import BaseConverter

def integerconverter2paramschema(converter: BaseConverter) -> dict[str, Any]: ...
