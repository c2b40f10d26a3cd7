## 办税 Banshui — 简体中文（默认语言）

service-name = 办税 Banshui
skip-to-content = 跳到主要内容
nav-label = 主导航
nav-menu = 菜单
nav-filing = 我要办税
nav-self-check = 申报前自查
nav-guidance = 办税指南与咨询
nav-calculators = 税款计算器
nav-sign-in = 登录
language-switch-label = 选择语言

footer-scope = 本平台不办理实名身份核验、银行缴款或电子发票业务；需缴纳的税款、缴款期限和缴款凭证号会在回执中列明。
footer-licence = 办税 Banshui 是开源软件，依据 Apache-2.0 许可发布。

home-title = 办税，一次讲清楚
home-lead = 在线申报个人所得税、增值税、企业所得税和印花税；申报前自查风险指标；阅读政策解读并向税务机关咨询。每一个数字都列明计算过程和法律依据。
home-scope-title = 平台建设进度
home-scope-body = 以下各项服务正在陆续上线。尚未开放的服务会在其页面上明确说明。

section-filing-title = 我要办税
section-filing-summary = 按问答方式逐项填写申报表：个人所得税综合所得年度汇算、经营所得、小规模纳税人增值税及附加税费、企业所得税季度预缴、印花税。
section-self-check-title = 申报前自查
section-self-check-summary = 把您的数据与行业参考指标对比，提前发现税务机关风险分析可能关注的问题。
section-guidance-title = 办税指南与咨询
section-guidance-summary = 政策解读、办税指南、常见问题和公告；也可以向税务机关提出咨询。
section-calculators-title = 税款计算器
section-calculators-summary = 无需登录，输入数字即可看到应纳税额及每一步的计算依据。
section-sign-in-title = 登录
section-sign-in-summary = 使用统一社会信用代码或居民身份证号码登录，保存草稿、提交申报并查看回执。
section-not-yet-available = 这项服务尚未开放。开放后将在此页面提供。
back-to-home = 返回首页

not-found-title = 找不到该页面
not-found-body = 如果您是手动输入的网址，请检查是否正确。
not-found-home-link = 返回首页

error-title = 抱歉，服务出现问题
error-body = 请稍后再试。您已保存的内容不会丢失。
