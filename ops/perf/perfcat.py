#!/usr/bin/env python3
"""Where the service's CPU went during the S1 storms (EPI_PERF_PROFILE=perf ./ops/perf.sh ...).

perfcat.py STACKS MAP RULES [--drill REGEX [FILTER]]
  STACKS: `perf script -F comm,tid,ip,sym,dso` of the service; MAP: its .NET perf map (/tmp/perf-<pid>.map);
  RULES: lines "category => regex", the first rule whose regex matches any frame of a sample names its category.
  Threads first: the tiering JIT thread and the server GC threads are categories of their own, then any sample in the JIT
  (libclrjit) on another thread. --drill: the inclusive share of each frame (matching FILTER) in the samples matching REGEX.
"""
import bisect, collections, re, sys

def load_map(path):
    rows = []
    for line in open(path):
        address, size, name = line.rstrip('\n').split(' ', 2)
        rows.append((int(address, 16), int(size, 16), name))
    rows.sort()
    return rows, [r[0] for r in rows]

def load_samples(path, rows, starts):
    def resolve(ip, sym, dso):
        if sym != '[unknown]': return sym + ' @' + dso
        i = bisect.bisect_right(starts, ip) - 1
        if i >= 0 and rows[i][0] <= ip < rows[i][0] + rows[i][1]: return re.sub(r'\(.*', '', rows[i][2])
        return '?@' + dso
    samples, current = [], None
    for line in open(path):
        if not line.strip():
            if current: samples.append(current)
            current = None
        elif not line[0].isspace():
            current = (line.split('  ')[0].strip(), [])
        elif current is not None:
            m = re.match(r'\s*([0-9a-f]+) (.*) \((.*)\)$', line.rstrip())
            if m: current[1].append(resolve(int(m.group(1), 16), m.group(2), m.group(3)))
    if current: samples.append(current)
    return samples

def category(comm, stack, rules):
    if comm.startswith('.NET Tiered'): return 'JIT: tiering thread (methods recompiled while hot)'
    if comm.startswith('.NET Server GC') or comm.startswith('.NET BGC'): return 'GC: collector threads'
    if any('libclrjit' in f for f in stack): return 'JIT: on a worker thread'
    for name, pattern in rules:
        if any(pattern.search(f) for f in stack): return name
    managed = [f for f in stack if not f.startswith('?@') and ' @' not in f]
    return 'other managed' if managed else 'runtime/native only (allocation, GC on the thread, stubs, kernel)'

def main():
    stacks, mapfile, rulefile = sys.argv[1:4]
    rows, starts = load_map(mapfile)
    samples = load_samples(stacks, rows, starts)
    n = len(samples)
    if n == 0:
        print('no samples'); return
    if len(sys.argv) > 5 and sys.argv[4] == '--drill':
        pattern = re.compile(sys.argv[5]); keep = re.compile(sys.argv[6]) if len(sys.argv) > 6 else None
        counts = collections.Counter()
        for _, stack in samples:
            if any(pattern.search(f) for f in stack):
                for f in set(stack):
                    if keep is None or keep.search(f): counts[f] += 1
        for f, c in counts.most_common(60): print(f'{100 * c / n:6.2f}% {f[-160:]}')
        return
    rules = []
    for line in open(rulefile):
        if '=>' in line and not line.startswith('#'):
            name, regex = line.split('=>', 1)
            rules.append((name.strip(), re.compile(regex.strip())))
    counts = collections.Counter(category(comm, stack, rules) for comm, stack in samples)
    print(f'{n} samples of the service during the storms (share of its CPU samples, first matching rule)')
    for name, c in counts.most_common(): print(f'{100 * c / n:6.2f}%  {name}')

main()
