"""JSON bodies that cannot hurt: nesting so deep that the parser recurses out is a 400."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:  # json.loads on 10,000 nested brackets
            raise ParseError("JSON te diep genest.") from exc
