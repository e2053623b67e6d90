/** Asterisk's messages read below, as it sends them (the spec gives some of them as error reasons too). */
export const BRIDGE_ANSWER_MESSAGES = ['Channel not found', 'Channel not in Stasis application', 'Channel not in this bridge', 'Bridge not in Stasis application', 'Bridge not found'] as const;

/**
 * What Asterisk's answers to the bridge operations mean, read by their exact messages
 * (`res/ari/resource_bridges.c`: docs/ari-behaviour.md#bridges); undefined for any other answer.
 * `name`: how the request's subject reads (`bridge "b1"`), `said`: Asterisk's own words, quoted.
 */
export function explainBridgeAnswer(status: number, asteriskMessage: string | undefined, name: string, server: string, said: string): string | undefined {
  switch (asteriskMessage as (typeof BRIDGE_ANSWER_MESSAGES)[number] | undefined) {
    case 'Channel not found':
      return status === 400 ? `a channel named in the request does not exist on ${server}: it hung up, or the id is wrong${said}.` : undefined;
    case 'Channel not in Stasis application':
      // Channel operations answer this with 409, and their own explanation.
      if (status !== 422) return undefined;
      return `a channel named in the request is not inside a Stasis app${said}: Asterisk bridges only channels in Stasis. An originated channel enters its app when it is answered; wait for its StasisStart.`;
    case 'Channel not in this bridge':
      return `the channel is not in ${name}${said}: it is in another bridge, or in none.`;
    case 'Bridge not in Stasis application':
      return `${name} was not made over ARI (the dialplan's Bridge() or ConfBridge made it)${said}: ARI can read it but not change it.`;
    case 'Bridge not found':
      return `${name} does not exist on ${server} (any more)${said}: it was destroyed, or the id is wrong.`;
    default:
      if (status === 409 && asteriskMessage?.endsWith('currently recording')) return `a channel named in the request is being recorded${said}: stop its recording first.`;
      // Asterisk's words blame the id; what fails is a type it cannot make (docs/ari-behaviour.md#bridges).
      if (status === 500 && asteriskMessage?.startsWith('Unable to create bridge')) return `Asterisk could not make a bridge of that type${said}: holding and mixing cannot go together, and a bridge id must be new.`;
      return undefined;
  }
}
