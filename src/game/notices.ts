/** What the learner is told about their saved progress (store.ts decides when). */
import type { Notice } from "./store.ts";

const NOTICE_TEXT: Record<Notice["kind"], string> = {
  corrupt:
    "Your saved progress could not be read (the stored data was damaged). It was kept as a backup and you are starting afresh; you can download the backup below.",
  foreign:
    "The data saved under this site's progress key was not progress from this course. It was kept as a backup and you are starting afresh.",
  newer:
    "Your saved progress comes from a newer version of this site and cannot be read here. It was kept as a backup; open the site's latest version to continue with it.",
  partial: "Some entries of your saved progress could not be read and were left out. The full original was kept as a backup.",
  migrated: "Your progress was upgraded to the current format; the original was kept as a backup.",
  replaced: "Progress was replaced by an import; the previous progress was kept as a backup.",
  reset: "Progress was reset; the previous progress was kept as a backup.",
  unsaved:
    "This browser is not letting the site save progress (private mode or full storage). Progress from this visit will not be kept; export it before leaving.",
};

/** One or two sentences for the learner about a notice. */
export function noticeMessage(notice: Pick<Notice, "kind">): string {
  return NOTICE_TEXT[notice.kind];
}
