import type { Activity } from '../../types/activity';
import type { Me } from '../../types/session';

/** What every answer form gets. */
export interface AnswerFormProps<A extends Activity = Activity> {
  activity: A;
  sessionId: string;
  token: string;
  participantId: string;
  me: Me | undefined;
  /** Called after an answer was accepted (refreshes /me). */
  onAnswered: () => void;
  /** The server's clock, for the quiz countdown. */
  serverNow?: () => number;
}
