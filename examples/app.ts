import { App } from 'cdktf';
import { EXAMPLE_STACKS } from './stacks';

const app = new App();
for (const [name, build] of Object.entries(EXAMPLE_STACKS)) build(app, name);
app.synth();
