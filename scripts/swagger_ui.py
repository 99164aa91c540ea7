"""`python -m scripts.swagger_ui`: copies Swagger UI's two files from the pinned package into the bundle.

The API serves its reference (`/docs`) from `chalicelib/data/reference/`, which the Lambda
bundle carries; the package itself (swagger-ui-bundle-v2, pinned in requirements-dev.txt)
stays out of the runtime's dependencies. Run this after changing the pin, and commit the
copies: `tests/test_reference.py` fails while they differ from the installed package's files.
"""

from __future__ import annotations

import importlib
import shutil
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "chalicelib" / "data" / "reference"
PACKAGE = "swagger-ui-bundle-v2"
#: What the page loads of Swagger UI: the bundle (React, the UI, its OpenAPI 3.1 support) and its stylesheet.
FILES = ("swagger-ui-bundle.js", "swagger-ui.css")


def source() -> Path:
    """The folder of Swagger UI's files in the installed package."""
    bundle = importlib.import_module("swagger_ui_bundle")  # a dev tool: no stubs, no py.typed
    return Path(str(bundle.swagger_ui_path))


def main() -> None:
    for name in FILES:
        shutil.copyfile(source() / name, TARGET / name)
        print(f"{TARGET.relative_to(ROOT) / name}  ({(TARGET / name).stat().st_size:,} bytes)")
    print(f"from {PACKAGE}=={metadata.version(PACKAGE)}")


if __name__ == "__main__":
    main()
