"""Reference measurements that ``rasd bench`` compares rasd with (need the ``bench`` extra)."""
