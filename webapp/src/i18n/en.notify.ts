/** English texts of telling people about tasks: the Inbox's badge and the account's email switch (part of en.ts). */
export const enNotify = {
  notify: {
    inboxWaiting_one: "{{name}}, {{count}} waiting",
    inboxWaiting_other: "{{name}}, {{count}} waiting",
    inboxWaitingMany: "{{name}}, more than 99 waiting",
    emails: {
      title: "Emails",
      intro: "Loom always emails you about your account's security. These emails you can choose.",
      tasks: "Email me when a task waits for me",
      tasksHelp:
        "When a step of a flow names you (by your email, in a record's person field, or because you took it), you get one email with a link to the record. Steps open to a whole role send no email.",
      on: "You will get an email when a task waits for you.",
      off: "You will no longer get emails about tasks. The Inbox still shows them.",
      failed: "Your email settings could not be loaded.",
    },
  },
};
