/**
 * The command line's conventions: `liqlens --help` lists every command, `liqlens <command> --help`
 * gives its usage, every flag it takes and an example, `--version` the package's version; errors
 * stay one line with no stack.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/cli/command';

const liqlens = (...args: string[]) => spawnSync(process.execPath, ['bin/liqlens.mjs', ...args], { encoding: 'utf8' });
const names = readdirSync('src/cli/commands').map((f) => f.replace(/\.ts$/, '')).sort();

describe('liqlens --help, <command> --help, --version', () => {
  it('liqlens --help names every command with what it does', () => {
    const r = liqlens('--help');
    expect(r.status).toBe(0);
    for (const name of names) expect(r.stdout).toMatch(new RegExp(`^  ${name}\\s+\\S`, 'm'));
    expect(r.stdout).toContain('liqlens <command> --help');
  });

  it.each(names)('liqlens %s --help: usage, every flag it parses, an example', { timeout: 120_000 }, async (name) => {
    const command = ((await import(`../../src/cli/commands/${name}.ts`)) as { default: Command }).default;
    const r = liqlens(name, '--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Usage: liqlens ${name} `));
    for (const flag of command.flags.flags) expect(r.stdout).toContain(`--${flag.name}`);
    expect(r.stdout).toMatch(/^Examples?:\n {2}\$ liqlens /m);
    // Every flag it lists is one it accepts: the help and the parser are one declaration.
    const listed = [...r.stdout.matchAll(/^ {2}(?:-[hV], )?--([a-z-]+)/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...command.flags.flags.map((f) => f.name), 'help', 'version'].sort());
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(execFileSync(process.execPath, ['bin/liqlens.mjs', '--version'], { encoding: 'utf8' })).toBe(`liqlens ${version}\n`);
  });

  it.each(names)('liqlens %s --version prints it too, and runs nothing', { timeout: 120_000 }, (name) => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const r = liqlens(name, 'no-such-file.csv', '--version');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`liqlens ${version}\n`);
  });

  it('errors stay one line without a stack: an unknown flag, a flag without its value', { timeout: 180_000 }, () => {
    const unknown = liqlens('heatmap', 'x.csv', '--bogus');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('liqlens heatmap: unknown flag --bogus\n');
    const empty = liqlens('smc', 'x.csv', '--swing-length');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe('liqlens smc: --swing-length needs a value\n');
    const emptyEq = liqlens('smc', 'x.csv', '--swing-length=');
    expect(emptyEq.stderr).toBe('liqlens smc: --swing-length needs a value\n');
  });
});
