"""Build hook: ship the browser extension inside the wheel (metadata lives in pyproject.toml).

``extension/`` stays at the repository root (SPEC layout); a non-editable build copies its
shipped files into ``hegai/_extension`` with the manifest version set from
``hegai.__version__``, so ``pip install .`` gives ``hegai extension-path`` something to show.
Editable installs find ``extension/`` in the checkout instead.
"""

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _extension_files():
    spec = importlib.util.spec_from_file_location("_hegai_extension_files", ROOT / "server" / "hegai" / "extension_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithExtension(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        files = _extension_files()
        target = Path(self.build_lib) / "hegai" / files.INSTALLED_DIR
        count = files.copy_release(ROOT / "extension", target, self.distribution.get_version(), keep_key=True)
        print(f"hegai: shipped {count} extension files in {target}")


setup(cmdclass={"build_py": BuildPyWithExtension})
