import { PolicyRule, PolicySubject } from '../rule';

/** VT-ALERT-1: every alert policy notifies someone (the launcher's alerts on failed launches and runs above all). */
export class AlertsNotifyRule extends PolicyRule {
  public readonly id = 'VT-ALERT-1';
  public readonly description = 'Alert policies notify someone: a failed training launch or run must reach a person';
  public readonly fix = 'name who is told in the environment\'s alerts (emails, pubsubTopics or notificationChannels), or acknowledge the rule with a reason (incidents then only open in the Cloud Monitoring console)';
  public readonly resourceTypes = ['google_monitoring_alert_policy'];

  public check(subject: PolicySubject): string[] {
    const channels = subject.config.notification_channels;
    const none = channels === undefined || (Array.isArray(channels) && channels.length === 0);
    return none ? ['notifies no one: it has no notification channel'] : [];
  }
}
