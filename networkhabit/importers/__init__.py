"""Bringing contacts in (LinkedIn, Google, Outlook, vCard, JSON) and taking them out.

Each importer reads one input file and turns it into plain records
(:class:`networkhabit.domain.merge.ParsedFile` of ``Incoming`` people, or a
``Snapshot`` for our own JSON); it never touches the store file. The matching
and merge rules live in :mod:`networkhabit.domain.merge`; the commands in
:mod:`networkhabit.commands.io`.

- :mod:`.files` reading bytes, text and CSV rows with clear errors; atomic export writes
- :mod:`.linkedin` Connections.csv, current and older layouts
- :mod:`.google` Google Contacts CSV
- :mod:`.outlook` Outlook's CSV export
- :mod:`.detect` ``import csv``: which of those a CSV is, by its header row
- :mod:`.vcard` vCard 2.1 / 3.0 / 4.0 (vobject)
- :mod:`.jsonio` our own JSON export, written and read back
- :mod:`.export` CSV, vCard and iCalendar exports
"""
