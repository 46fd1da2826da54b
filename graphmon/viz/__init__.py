"""Views of a report: plotly figures built by pure functions from the report's tables, the
self-contained ``report.html`` (:func:`graphmon.viz.html.write_html_report`) and the Dash
explorer (:func:`graphmon.viz.explorer.build_app`, needs the ``dash`` package).

Modules are imported where used, so that writing a report does not import Dash.
"""
