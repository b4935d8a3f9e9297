import request from 'supertest';

/** A delivery-log row as the notification e2e specs read it. */
export interface Attempt {
  at: string;
  attempt: number;
  outcome: string;
  responseCode: number | null;
  error: string | null;
  summary: string;
}

/** The notification REST calls the e2e specs repeat, as an admin with `cookie`. */
export function notificationsApi(hubUrl: string, cookie: string) {
  const api = () => request(hubUrl);
  return {
    /** Creates a channel (201 expected). */
    channel: async (body: Record<string, unknown>) =>
      (await api().post('/api/v1/notification-channels').set('Cookie', cookie).send(body).expect(201))
        .body as { id: string },
    /** Creates a group holding the channels; returns its id. */
    group: async (channelIds: string[], name = `g-${channelIds[0]}`) =>
      (
        await api()
          .post('/api/v1/notification-groups')
          .set('Cookie', cookie)
          .send({ name, channelIds })
          .expect(201)
      ).body.id as string,
    /** The channel's delivery log, oldest first. */
    attempts: async (channelId: string): Promise<Attempt[]> =>
      (
        (
          await api()
            .get(`/api/v1/notification-attempts?channelId=${channelId}`)
            .set('Cookie', cookie)
            .expect(200)
        ).body.items as Attempt[]
      ).reverse(),
  };
}
