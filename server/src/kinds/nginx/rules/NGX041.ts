// NGX041: TLS session tickets on (the default) without rotated ticket keys.
import { fix } from '../model';
import { tlsAnchor } from './tls';
import { meta, report, type Ctx } from './util';

export default {
  meta: meta({
    id: 'NGX041',
    title: 'TLS session tickets without key rotation',
    severity: 'info',
    fix: 'yes',
    why: 'nginx keeps one ticket key for the life of the process: whoever obtains it can decrypt every recorded session, which undoes forward secrecy.',
    anchors: 'Mozilla TLS nginx template; h5bp ssl_engine.conf',
  }),
  check(ctx: Ctx) {
    const { unit, edits } = ctx.model;
    // An inherited "ssl_session_tickets on" is reported for every server inheriting it: the copies
    // are one finding after merging (index.ts), and each server's slice finds its own copy.
    for (const s of unit.servers()) {
      if (!unit.isTls(s) || unit.effective(s, 'ssl_reject_handshake')?.args[0]?.text === 'on') continue;
      if (unit.effective(s, 'ssl_session_ticket_key')) continue;
      const tickets = unit.effective(s, 'ssl_session_tickets');
      if (tickets) {
        if (tickets.args[0]?.text !== 'on') continue;
        report(ctx, tickets, 'ssl_session_tickets on without ssl_session_ticket_key rotation: one long-lived key protects every session', {
          fixes: fix('Set ssl_session_tickets off', [edits.replaceToken(tickets, tickets.args[0], 'off')]),
        });
        continue;
      }
      if (!unit.isComplete(s)) continue;
      const anchor = tlsAnchor(s);
      report(ctx, s, 'TLS session tickets are on by default and their key is never rotated: add "ssl_session_tickets off;"', {
        fixes: fix('Add "ssl_session_tickets off;"', [anchor ? edits.insertLinesAfter(anchor, ['ssl_session_tickets off;']) : edits.insertAtBlockStart(s, ['ssl_session_tickets off;'])]),
      });
    }
  },
};
