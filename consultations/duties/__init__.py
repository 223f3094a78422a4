"""The law's yearly duties (Art. 32, 33, 51, 52(3)): a catalogue of duties with their articles, each
unit's duties for a year with their status, reminders, and the stand-alone meetings that fulfil them
(their pages, the commune's public calendar and its iCalendar feed)."""
