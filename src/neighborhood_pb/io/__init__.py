"""File formats at the edge (读写): JSON datasets and records, iCalendar export.

:mod:`neighborhood_pb.io.json` holds the ``cattrs`` converter and ``load_dataset``,
``dumps_dataset``, ``parse_json``, …; :mod:`neighborhood_pb.io.ical` writes RFC 5545
calendars; :mod:`neighborhood_pb.io.registers` reads and writes xlsx/CSV registers.
Nothing below this floor imports it.
"""
