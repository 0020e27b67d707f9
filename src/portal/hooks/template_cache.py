"""Compile each theme template once per process, not once per language.

MkDocs builds a fresh Jinja environment for every build, and mkdocs-static-i18n runs one
build per language, so the theme's templates were compiled three times per build (and
again on every preview rebuild): about a third of a small site's build time. Jinja's
bytecode cache keys each template by its source's checksum, so an edited template is
compiled anew.
"""

from jinja2 import BytecodeCache

from portal import nav_cache


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self):
        self.store = {}

    def load_bytecode(self, bucket):
        data = self.store.get(bucket.key)
        if data is not None and data[0] == bucket.checksum:
            bucket.code = data[1]

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = (bucket.checksum, bucket.code)


_CACHE = MemoryBytecodeCache()


def on_env(env, config, files):
    env.bytecode_cache = _CACHE
    # Rendering, not compiling: the navigation sidebar once per folder (portal.nav_cache).
    return nav_cache.install(env)
