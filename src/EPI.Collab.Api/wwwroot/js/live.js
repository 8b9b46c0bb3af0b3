// Live workshop: the board over HTTP, pushed WorkshopMessage over SignalR, and catch-up from GET …/feed?after=
// on a gap or after a reconnect. Positions are consecutive per workshop, so a jump means something was missed.
import { api } from './api.js';

/* global signalR */
export function followWorkshop({ cityId, workshopId, token, onBoard, onMessage, onStatus }) {
  const base = `/api/cities/${cityId}/workshops/${workshopId}`;
  let position = 0;
  let board = null;
  let refreshing = null;
  let refreshAgain = false;

  const status = s => onStatus?.(s);

  async function refreshBoard() {
    if (refreshing) { refreshAgain = true; return refreshing; }
    refreshing = (async () => {
      do {
        refreshAgain = false;
        board = await api(`${base}/board`, { token });
        position = Math.max(position, board.position);
        onBoard(board);
        if (connection.state === signalR.HubConnectionState.Connected) status('live');
      } while (refreshAgain);
    })().finally(() => { refreshing = null; });
    return refreshing;
  }

  function apply(message) {
    if (message.position <= position) return;
    position = message.position;
    onMessage?.(message, board);
    // Counts and tallies carry their numbers; everything else may change text, so the board is read again.
    if (message.type === 'participants.counted' && board) { board.participantCount = message.data.count; onBoard(board); }
    else if (message.type === 'round.tallied' && board) {
      // A tally carries the counts too (the relay sends no separate round.counted with it).
      const counted = message.data.ballots;
      board.rounds = board.rounds.map(r => r.roundId === message.data.roundId
        ? { ...r, results: message.data, ballots: counted.phone + counted.assisted, paperBallots: counted.paper } : r);
      onBoard(board);
    } else if (message.type === 'round.counted' && board) {
      board.rounds = board.rounds.map(r => r.roundId === message.data.roundId
        ? { ...r, ballots: message.data.ballots, paperBallots: message.data.paperBallots } : r);
      onBoard(board);
    } else refreshBoard().catch(() => status('offline'));  // not awaited: a message never waits for a board read
  }

  async function catchUp() {
    for (;;) {
      const page = await api(`${base}/feed?after=${position}`, { token });
      page.forEach(apply);
      if (page.length < 500) return;
    }
  }

  // One thing at a time: pushed messages, catch-up and board reads never interleave.
  let pending = Promise.resolve();
  const serial = work => { const run = pending.then(work); pending = run.catch(() => {}); return run; };

  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/collab', { accessTokenFactory: () => token })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(10000, 500 * 2 ** Math.min(ctx.previousRetryCount, 5)) })
    .build();

  connection.on('WorkshopMessage', message => serial(async () => {
    if (message.position > position + 1) await catchUp();
    apply(message);
  }).catch(() => status('offline')));
  connection.onreconnecting(() => status('reconnecting'));
  // A new connection id: join the group again, then read only what the feed has beyond the last position.
  connection.onreconnected(() => { joined = false; start(false); });
  let stopped = false, joined = false;
  connection.onclose(() => { status('offline'); if (!stopped) setTimeout(start, 1000); });

  // Connect and join once; then the board (the relay builds it just after the workshop is scheduled, so a
  // first read may find none yet) and whatever the feed has beyond it. Any failure retries in a second.
  async function start(readBoard = true) {
    try {
      if (connection.state === signalR.HubConnectionState.Disconnected) { joined = false; await connection.start(); }
      if (!joined) { await connection.invoke('JoinWorkshop', cityId, workshopId); joined = true; }
      await serial(async () => { if (readBoard || !board) await refreshBoard(); await catchUp(); });
      status('live');
    } catch {
      status('offline');
      if (!stopped && connection.state !== signalR.HubConnectionState.Reconnecting) setTimeout(() => start(readBoard), 1000);
    }
  }

  window.addEventListener('online', () => serial(async () => { await refreshBoard(); await catchUp(); }).catch(() => status('offline')));
  start();
  const stop = () => { stopped = true; return connection.stop(); };
  return { stop, refresh: () => serial(refreshBoard).catch(() => status('offline')), get board() { return board; }, connection };
}
