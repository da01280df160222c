import { isSet, isToken } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** The longest rotation period allowed: 90 days. */
export const MAX_ROTATION_DAYS = 90;
const DURATION = /^(\d+(?:\.\d+)?)s$/;

/** VT-KMS-1: symmetric keys rotate automatically at least every 90 days. */
export class KeyRotationRule extends PolicyRule {
  public readonly id = 'VT-KMS-1';
  public readonly description = `Cloud KMS encryption keys rotate automatically at least every ${MAX_ROTATION_DAYS} days`;
  public readonly fix = `set rotationPeriod to at most ${MAX_ROTATION_DAYS * 86_400}s (${MAX_ROTATION_DAYS} days); the environment's encryption.rotationPeriodDays sets it (default 90)`;
  public readonly resourceTypes = ['google_kms_crypto_key'];

  public check(subject: PolicySubject): string[] {
    // Only symmetric encryption keys rotate automatically; signing and MAC keys cannot.
    const purpose = subject.config.purpose;
    if (isSet(purpose) && !isToken(purpose) && purpose !== 'ENCRYPT_DECRYPT') return [];
    const period = subject.config.rotation_period;
    if (!isSet(period)) return ['rotation_period is not set: the key never rotates'];
    if (isToken(period)) return [];
    const match = DURATION.exec(String(period));
    if (!match) return [`rotation_period ${JSON.stringify(period)} is not a duration in seconds ("7776000s")`];
    const days = Number(match[1]) / 86_400;
    return days > MAX_ROTATION_DAYS ? [`rotation_period ${period} is ${Number(days.toFixed(2))} days, more than ${MAX_ROTATION_DAYS}`] : [];
  }
}
