/** One `git cat-file --batch` per repository answers every read, in order, and refuses what could break its protocol. */
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../pipeline/git.js';
import { GitSession, ObjectReader } from '../../pipeline/git-objects.js';

let top: string;
let outside: string;
let first: string;

beforeAll(async () => {
  top = await realpath(await mkdtemp(path.join(os.tmpdir(), 'bitext-objects-')));
  outside = await mkdtemp(path.join(os.tmpdir(), 'bitext-no-repo-'));
  await git(top, ['init', '-q']);
  await mkdir(path.join(top, 'content/m'), { recursive: true });
  await writeFile(path.join(top, 'content/m/en.md'), '# One\n\nFirst version, with 中文.\n');
  const commit = async (message: string) => {
    await git(top, ['add', '-A']);
    await git(top, ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '-m', message]);
    return (await git(top, ['rev-parse', 'HEAD'])).trim();
  };
  first = await commit('first');
  await writeFile(path.join(top, 'content/m/en.md'), '# One\n\nSecond version.\n');
  await commit('second');
});

afterAll(async () => {
  await rm(top, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('ObjectReader', () => {
  it('reads blobs and commits by any revision name, and gives undefined for what git does not have', async () => {
    const reader = new ObjectReader(top);
    try {
      const old = await reader.read(`${first}:content/m/en.md`);
      expect(old?.type).toBe('blob');
      expect(old?.bytes.toString('utf8')).toBe('# One\n\nFirst version, with 中文.\n');
      expect((await reader.read('HEAD:content/m/en.md'))?.bytes.toString('utf8')).toBe('# One\n\nSecond version.\n');
      expect((await reader.read(`${first}^{commit}`))?.type).toBe('commit');
      expect(await reader.read(`${'0'.repeat(40)}^{commit}`)).toBeUndefined();
      expect(await reader.read(`${first}:content/m/fr.md`)).toBeUndefined();
    } finally {
      reader.close();
    }
  });

  it('answers 200 reads asked at once in the order asked, and starts again after close', async () => {
    const reader = new ObjectReader(top);
    try {
      const names = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? `${first}:content/m/en.md` : i % 3 === 1 ? 'HEAD:content/m/en.md' : `missing-${i}`));
      const answers = await Promise.all(names.map((name) => reader.read(name)));
      answers.forEach((answer, i) => {
        if (i % 3 === 2) expect(answer).toBeUndefined();
        else expect(answer?.bytes.toString('utf8')).toContain(i % 3 === 0 ? 'First version' : 'Second version');
      });
      reader.close();
      expect((await reader.read('HEAD:content/m/en.md'))?.type).toBe('blob');
    } finally {
      reader.close();
    }
  });

  it('refuses names that would break the line protocol, without asking git', async () => {
    const reader = new ObjectReader(top);
    try {
      for (const name of ['HEAD:content/m/en.md\nHEAD', '', ' HEAD', 'HEAD\r']) expect(await reader.read(name)).toBeUndefined();
      expect((await reader.read('HEAD:content/m/en.md'))?.type).toBe('blob');
    } finally {
      reader.close();
    }
  });

  it('rejects reads when git cannot run there', async () => {
    const reader = new ObjectReader(outside);
    try {
      await expect(reader.read('HEAD')).rejects.toThrow(/cat-file|exited|ENOENT|not a git repository/i);
    } finally {
      reader.close();
    }
  });
});

describe('GitSession', () => {
  it('finds the work tree top of a folder once, and nothing outside a repository', async () => {
    const session = new GitSession();
    try {
      expect(await session.topOf(path.join(top, 'content/m'))).toBe(top);
      expect(await session.topOf(path.join(top, 'content'))).toBe(top);
      expect(await session.topOf(outside)).toBeUndefined();
      expect(session.objects(top)).toBe(session.objects(top));
    } finally {
      session.close();
    }
  });
});
