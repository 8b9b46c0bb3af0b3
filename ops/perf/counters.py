#!/usr/bin/env python3
"""The service's runtime counters of a run (EPI_PERF_PROFILE=counters ./ops/perf.sh ...), per second and in total.

counters.py COUNTERS_CSV: the csv of `dotnet-counters collect --format csv --counters System.Runtime`. One line per second
with allocation, collections per generation, GC pause time and CPU; seconds with more than 100 ms of pause or 100 MB
allocated are marked (the storms), then the totals of the run.
"""
import collections, csv, sys

FIELDS = [('alloc MB', 'dotnet.gc.heap.total_allocated', 1e-6), ('gen0', 'gen0]', 1), ('gen1', 'gen1]', 1), ('gen2', 'gen2]', 1),
          ('pause s', 'dotnet.gc.pause.time', 1), ('cpu user s', 'cpu.mode=user', 1), ('cpu sys s', 'cpu.mode=system', 1)]

def main():
    seconds = collections.OrderedDict()
    for row in csv.DictReader(open(sys.argv[1])):
        name, value = row['Counter Name'], float(row['Mean/Increment'])
        for label, key, scale in FIELDS:
            if key in name and (not key.endswith(']') or name.startswith('dotnet.gc.collections')):
                seconds.setdefault(row['Timestamp'], collections.Counter())[label] += value * scale
    print('second    ' + ''.join(f'{label:>12}' for label, _, _ in FIELDS))
    for at, v in seconds.items():
        mark = ' *' if v['pause s'] > 0.1 or v['alloc MB'] > 100 else ''
        print(f'{at[-8:]}  ' + ''.join(f'{v[label]:12.3f}' for label, _, _ in FIELDS) + mark)
    total = sum(seconds.values(), collections.Counter())
    print('total     ' + ''.join(f'{total[label]:12.3f}' for label, _, _ in FIELDS))

main()
