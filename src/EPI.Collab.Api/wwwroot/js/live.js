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
      board.rounds = board.rounds.map(r => r.roundId === message.data.roundId ? { ...r, results: message.data } : r);
      onBoard(board);
    } else if (message.type === 'round.counted' && board) {
      board.rounds = board.rounds.map(r => r.roundId === message.data.roundId
        ? { ...r, ballots: message.data.ballots, paperBallots: message.data.paperBallots } : r);
      onBoard(board);
    } else refreshBoard().catch(() => status('offline'));
  }

  async function catchUp() {
    for (;;) {
      const page = await api(`${base}/feed?after=${position}`, { token });
      page.forEach(apply);
      if (page.length < 500) return;
    }
  }

  let pending = Promise.resolve();
  const serial = work => (pending = pending.then(work).catch(() => status('offline')));

  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/collab', { accessTokenFactory: () => token })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(10000, 500 * 2 ** Math.min(ctx.previousRetryCount, 5)) })
    .build();

  connection.on('WorkshopMessage', message => serial(async () => {
    if (message.position > position + 1) await catchUp();
    apply(message);
  }));
  connection.onreconnecting(() => status('reconnecting'));
  connection.onreconnected(() => serial(async () => {
    await connection.invoke('JoinWorkshop', cityId, workshopId);
    await catchUp();
    status('live');
  }));
  connection.onclose(() => { status('offline'); setTimeout(start, 3000); });

  async function start() {
    try {
      await connection.start();
      await connection.invoke('JoinWorkshop', cityId, workshopId);
      await serial(async () => { await refreshBoard(); await catchUp(); });
      status('live');
    } catch {
      status('offline');
      setTimeout(start, 3000);
    }
  }

  window.addEventListener('online', () => serial(async () => { await refreshBoard(); await catchUp(); }));
  start();
  return { refresh: () => serial(refreshBoard), get board() { return board; }, connection };
}
