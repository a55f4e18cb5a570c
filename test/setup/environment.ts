/* eslint-disable @n8n/community-nodes/no-restricted-globals */
// n8n-core logs through a console logger; the tests read errors from the run, not from the console.
// A test that needs the log lines (to prove no secret is in them) spies on the logger itself.
process.env.N8N_LOG_LEVEL ??= 'silent';
// No test may reach anything but 127.0.0.1: n8n's outbound features stay off.
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_VERSION_NOTIFICATIONS_ENABLED = 'false';
process.env.N8N_TEMPLATES_ENABLED = 'false';
