"""mkdocs hook: the site carries the OpenAPI document the app serves, as `reference/openapi.json`.

The document is generated from the same route declarations and models as `GET /v1/openapi.json`
(`chalicelib/api/openapi.py`), so the Swagger UI page of the site can never describe another API.
"""

from __future__ import annotations

import json
import os
from typing import Any

from mkdocs.structure.files import File, Files


def on_files(files: Files, config: Any) -> Files:
    from chalicelib.devtools.environment import offline_environment

    for name, value in offline_environment("docs").items():
        os.environ.setdefault(name, value)
    from chalicelib.api.openapi import document

    files.append(File.generated(config, "reference/openapi.json", content=json.dumps(document(), indent=2)))
    return files
