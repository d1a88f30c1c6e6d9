"""The HTTP API over the store and the dashboard that uses it (``rasd serve``, FastAPI).

``create_app(store, settings)`` builds the application; the modules hold its parts:
``records`` and ``analytics`` (reads), ``review`` and ``regroup`` (writes), ``exporting``,
``security`` (who may read and write), ``params`` and ``schemas`` (what goes in and out).
"""
