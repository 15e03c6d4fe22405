#!/usr/bin/env python3
"""The x64 code Chromium's V8 generates for a WebAssembly module (optimizing tier only), disassembled.

    python3 tools/wasm-check/v8-code.py MODULE.wasm [--function N] [--out FILE.s]

Chromium's release build has no --print-wasm-code, but it keeps V8's --perf-prof: each compiled function's bytes go
to a jit-PID.dump file (Linux perf's jitdump format: a header, then records; record 0, JIT_CODE_LOAD, carries the
code's address, size, name and bytes). The script compiles the module (synchronously, so that the compilation is
done before --dump-dom reads the page) in a headless Chromium page with
--no-liftoff --no-wasm-lazy-compilation (every function by the optimizing compiler, at compile time, nothing has to
run), reads the dump and disassembles with objdump. Per function it prints the instruction count and the number of
instructions that touch the stack frame ([rbp-..] / [rsp+..]: spills and reloads where the register allocator ran out
of registers, besides the frame set-up); and the same for its innermost loop with the most vector arithmetic (a GEMM's k loop); with --function N (the
wasm function index) also the disassembly.
Needs chromium (or NNJIT_CHROMIUM) and binutils' objdump.
"""
import argparse
import base64
import glob
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

PAGE = """<html><body><script>
const bytes = Uint8Array.from(atob("%s"), (c) => c.charCodeAt(0));
try { new WebAssembly.Module(bytes); document.title = "compiled"; } catch (e) { document.title = "error " + e; }
</script></body></html>"""


def code_loads(dump):
    """(name, code bytes) of every JIT_CODE_LOAD record of a jitdump file."""
    data = open(dump, 'rb').read()
    header_size = struct.unpack_from('<I', data, 8)[0]
    off = header_size
    while off + 16 <= len(data):
        rid, size, _ = struct.unpack_from('<IIQ', data, off)
        if size == 0:
            break
        if rid == 0:   # pid, tid, vma, code_addr, code_size, code_index, then the name (NUL-terminated), then code
            code_size = struct.unpack_from('<Q', data, off + 16 + 24)[0]
            name_at = off + 56
            name_end = data.index(b'\0', name_at)
            yield data[name_at:name_end].decode('latin1'), data[name_end + 1:name_end + 1 + code_size]
        off += size


def disassemble(code):
    with tempfile.NamedTemporaryFile(suffix='.bin') as f:
        f.write(code)
        f.flush()
        out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '-M', 'intel', f.name],
                             capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        m = re.match(r'\s+([0-9a-f]+):\t', line)
        if m:
            rows.append((int(m.group(1), 16), line.split('\t')[-1].strip()))
    return [r for r in rows if r[1] != '']


def loops(rows):
    """(start, end) address ranges of the code's loops: each backward jump, from its target to itself."""
    found = []
    for addr, text in rows:
        m = re.match(r'j\w+\s+0x([0-9a-f]+)', text)
        if m and int(m.group(1), 16) <= addr:
            found.append((int(m.group(1), 16), addr))
    return found


def vector_math(text):
    return re.match(r'(v?mulps|v?addps|vfn?madd\d+ps)', text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('module')
    ap.add_argument('--function', type=int, default=None)
    ap.add_argument('--out')
    args = ap.parse_args()
    chromium = os.environ.get('NNJIT_CHROMIUM', shutil.which('chromium') or '/usr/bin/chromium')
    work = tempfile.mkdtemp(prefix='nnjit-v8-code-')
    try:
        page = os.path.join(work, 'page.html')
        with open(page, 'w') as f:
            f.write(PAGE % base64.b64encode(open(args.module, 'rb').read()).decode())
        functions = {}
        for attempt in range(3):   # the renderer writes its dump as it goes; a slow exit can leave it unread
            subprocess.run([chromium, '--headless', '--no-sandbox', '--disable-gpu',
                            '--js-flags=--no-liftoff --no-wasm-lazy-compilation --perf-prof',
                            '--dump-dom', 'file://' + page], cwd=work, capture_output=True, timeout=120)
            time.sleep(1)
            for dump in glob.glob(os.path.join(work, 'jit-*.dump')):
                for name, code in code_loads(dump):
                    # a wasm function's record: JS:NAME-INDEX-TIER (NAME from the name section, else wasm-function[I])
                    m = re.match(r'JS:(.+)-(\d+)-(turbofan|turboshaft)$', name)
                    if m:
                        functions[int(m.group(2))] = (m.group(1), code)
            if functions:
                break
        if not functions:
            sys.exit('no wasm function in the jitdump files (is this chromium built with --perf-prof support?)')
        for index in sorted(functions):
            fname, code = functions[index]
            rows = disassemble(code)
            on_stack = lambda text: re.search(r'\[(rbp-|rsp\+)', text)
            print(f'function {index} ({fname}): {len(code)} bytes, {len(rows)} instructions, '
                  f'{sum(1 for _, t in rows if on_stack(t))} touching the stack frame')
            # the innermost loop (one holding no other) with the most vector math: a GEMM's k loop
            spans = loops(rows)
            innermost = [(a, b) for a, b in spans if not any((c, d) != (a, b) and a <= c and d <= b for c, d in spans)]
            best = None
            for start, end in innermost:
                body = [t for a, t in rows if start <= a <= end]
                math = sum(1 for t in body if vector_math(t))
                if math and (best is None or math > best[0]):
                    best = (math, body, start, end)
            if best:
                math, body, start, end = best
                stack = [t for t in body if on_stack(t)]
                vector_spills = [t for t in stack if 'xmm' in t]
                print(f'  innermost loop with the most vector math, 0x{start:x}-0x{end:x}: {len(body)} instructions, '
                      f'{math} vector mul/add/fma, {len(stack)} touching the stack frame ({len(vector_spills)} with '
                      f'an xmm register: vector spills or reloads)')
            if args.function == index:
                text = '\n'.join(f'{a:6x}  {t}' for a, t in rows) + '\n'
                if args.out:
                    open(args.out, 'w').write(text)
                else:
                    sys.stdout.write(text)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
