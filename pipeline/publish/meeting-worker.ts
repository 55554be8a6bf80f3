/**
 * Worker of the build pool: renders one meeting (see meeting.ts). The
 * locales and the git session are made once per thread and reused.
 */
import { GitSession } from '../git-objects.js';
import { defaultLocales, localesFromResources, type Locales } from '../locales.js';
import { renderMeeting, renderer, type MeetingResult, type MeetingTask, type Renderer } from './meeting.js';

/** A task of the pool: the meeting, and the locales when they are not the bundled ones. */
export interface WorkerTask extends MeetingTask {
  /** JSON of the locale resources; undefined for the bundled locales. */
  resources: string | undefined;
}

let current: { resources: string | undefined; shared: Renderer } | undefined;
const git = new GitSession();

export default async function meetingTask(task: WorkerTask): Promise<MeetingResult> {
  if (!current || current.resources !== task.resources) {
    const locales: Locales = task.resources === undefined ? defaultLocales() : localesFromResources(JSON.parse(task.resources) as Locales['resources']);
    current = { resources: task.resources, shared: renderer(locales, git) };
  }
  return renderMeeting(task, current.shared);
}
