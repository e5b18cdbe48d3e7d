"""Make every Python process started with this folder on PYTHONPATH behave as if
libharfbuzz-subset0 were not installed: WeasyPrint then subsets fonts with fontTools, which
stamps the current time into them unless the build fixes it.  Used by test_determinism.py."""

import cffi

_dlopen = cffi.FFI.dlopen


def _without_subset(self, name, flags=0):  # type: ignore[no-untyped-def]
    if name is not None and "harfbuzz-subset" in str(name):
        raise OSError(f"{name}: not installed (simulated by tests/without_harfbuzz_subset)")
    return _dlopen(self, name, flags)


cffi.FFI.dlopen = _without_subset  # type: ignore[method-assign]
