import { App } from 'cdktf';
import { EXAMPLES } from './stacks';

const app = new App();
for (const build of Object.values(EXAMPLES)) build(app);
app.synth();
