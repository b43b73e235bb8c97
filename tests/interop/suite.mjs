// What every two-domain client file of the interop suite shares: its world (Prosody for a.test
// and b.test, coturn, Chromium, a jinglegate per domain), the web user alice on call.a.test, the
// client as carol@a.test and bob@b.test, and the five calls every such client makes: call out,
// call in, audio only, and both directions across domains over s2s. A file adds its own cases.
import { test, before, after } from 'node:test';
import { World, stopWorld, mediaCallOut, mediaCallIn } from './harness.mjs';

// `title`: the client's name in prose; `callOut`/`callIn`: what the two base calls show of the
// client's form; `audioIn`: the audio-only call goes client -> web (else web -> client).
// `ready(w)`: called and awaited once w = { world, alice, carol, bob } is up, before the first
// test: the file takes its variables and adds its own peers there (a file's own top-level before
// hook would not wait for this one).
export function clientSuite(form, { title, callOut, callIn, audioIn = false, ready = () => {} }) {
  const w = {};
  before(async () => {
    w.world = await World.start();
    w.alice = await w.world.web('alice');
    w.carol = await w.world.peer(form, 'carol', 'a.test');
    w.bob = await w.world.peer(form, 'bob', 'b.test');
    await ready(w);
  });
  after(() => stopWorld(w.world));

  const audio = { media: { audio: true, video: false } };
  test(`${form.name} call out: web -> ${title} (${callOut}), audio+video flow, web hangup`, (t) => mediaCallOut(t, w.carol, w.alice));
  test(`${form.name} call in: ${title} -> web (${callIn}), audio+video flow, its hangup`, (t) => mediaCallIn(t, w.carol, w.alice));
  if (audioIn) test(`${form.name} audio: an audio-only call in`, (t) => mediaCallIn(t, w.carol, w.alice, audio));
  else test(`${form.name} audio: an audio-only call out keeps the proposed media in the session-initiate`, (t) => mediaCallOut(t, w.carol, w.alice, audio));
  test(`${form.name} federation call out: web on call.a.test -> ${title} on b.test over s2s`, (t) => mediaCallOut(t, w.bob, w.alice));
  test(`${form.name} federation call in: ${title} on b.test -> web on call.a.test over s2s`, (t) => mediaCallIn(t, w.bob, w.alice));
}
