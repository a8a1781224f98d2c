"""Prefect flows that enforce the register's deadlines. Thin: they call states/ and notifications/.

Never import this package from the web process: `import prefect` costs ~1.4 s and ~80 MB.
"""
