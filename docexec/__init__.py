"""docexec: execute documentation snippets once, cache the results, embed them in pages.

Kept free of heavy imports: the kernel imports ``docexec.kernel_setup`` through it.
"""

ENGINE_VERSION = "1"
