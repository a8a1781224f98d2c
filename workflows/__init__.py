"""Prefect flows that enforce the register's deadlines. Thin: they call states/ and notifications/.

Never import the flows (workflows.flows, workflows.__main__) from the web process: `import prefect`
costs ~1.4 s and ~80 MB. workflows.schedules is plain data, read by /health/flows.
"""
