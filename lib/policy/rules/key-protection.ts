import { at, isToken } from '../inspect';
import { PolicyRule, PolicySubject } from '../rule';

/** VT-KMS-2: keys cannot be destroyed by Terraform (destroying a key loses every byte it encrypts). */
export class KeyProtectionRule extends PolicyRule {
  public readonly id = 'VT-KMS-2';
  public readonly description = 'Cloud KMS keys are protected from terraform destroy (lifecycle.prevent_destroy)';
  public readonly fix = 'set lifecycle: { preventDestroy: true } (the environment\'s keys have it); data encrypted with a destroyed key is lost';
  public readonly resourceTypes = ['google_kms_crypto_key'];

  public check(subject: PolicySubject): string[] {
    const value = at(subject.config, 'lifecycle.prevent_destroy');
    if (value === true || isToken(value)) return [];
    return [value === undefined ? 'lifecycle.prevent_destroy is not set' : `lifecycle.prevent_destroy is ${JSON.stringify(value)}`];
  }
}
