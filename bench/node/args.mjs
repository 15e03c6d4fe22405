// The Node drivers' command lines: `--name value` pairs only.

/** `--name value` pairs over `defaults`; anything else is an error naming the argument. */
export function parseArgs(argv, defaults = {}) {
  const out = {...defaults};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument '${argv[i]}' (want --name value)`);
    out[argv[i].slice(2)] = argv[++i];
  }
  return out;
}
